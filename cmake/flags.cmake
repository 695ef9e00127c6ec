# Warnings and sanitizer/coverage variants (STYLE.md "Build").
add_compile_options(-D_GNU_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes
	-Wmissing-prototypes -fno-omit-frame-pointer)
if(GONET_WERROR)
	add_compile_options(-Werror)
endif()

set(GONET_SAN_FLAGS "")
if(ASAN)
	list(APPEND GONET_SAN_FLAGS -fsanitize=address)
endif()
if(UBSAN)
	list(APPEND GONET_SAN_FLAGS -fsanitize=undefined -fno-sanitize-recover=undefined)
endif()
if(TSAN)
	list(APPEND GONET_SAN_FLAGS -fsanitize=thread)
endif()
if(GONET_SAN_FLAGS)
	add_compile_options(${GONET_SAN_FLAGS})
	add_link_options(${GONET_SAN_FLAGS})
endif()
if(COVERAGE)
	# Counters updated atomically: many threads run the same code.
	add_compile_options(--coverage -O0 -fprofile-update=atomic)
	add_link_options(--coverage)
endif()

# Link-time optimisation, on by default in Release builds. Go's compiler
# inlines across packages; LTO is the C toolchain's way to do the same (the
# runtime's lock, getg and status helpers sit in other files than the
# scheduler and channel code that calls them on every goroutine switch).
# gcc's objects keep their machine code too (fat), so the installed static
# library also links with a compiler that does no LTO.
if(CMAKE_BUILD_TYPE STREQUAL "Release")
	set(GONET_LTO_DEFAULT ON)
else()
	set(GONET_LTO_DEFAULT OFF)
endif()
option(GONET_LTO "Link-time optimisation" ${GONET_LTO_DEFAULT})
if(GONET_LTO AND NOT (ASAN OR TSAN OR COVERAGE))
	include(CheckIPOSupported)
	check_ipo_supported(RESULT GONET_IPO_OK OUTPUT GONET_IPO_WHY LANGUAGES C)
	if(GONET_IPO_OK)
		set(CMAKE_INTERPROCEDURAL_OPTIMIZATION ON)
		if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
			add_compile_options(-ffat-lto-objects)
		endif()
	else()
		message(STATUS "gonet: no LTO: ${GONET_IPO_WHY}")
	endif()
endif()
