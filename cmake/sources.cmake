# libgonet: one folder per Go package (DESIGN.md §2). Sources are picked up by
# folder; platform files are chosen here, never with #ifdef in the code.
set(GONET_PACKAGES errors syscall internal_oserror os io runtime_netpoll
	internal_poll hooks socktest net context time sync os_signal)

set(GONET_SOURCES "")
foreach(pkg IN LISTS GONET_PACKAGES)
	file(GLOB pkg_src CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${pkg}/*.c
		${CMAKE_SOURCE_DIR}/${pkg}/*.S)
	list(APPEND GONET_SOURCES ${pkg_src})
endforeach()

# Platform backends: keep only this machine's.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
	set(GONET_ARCH amd64)
else()
	# arm64 is welcome (DESIGN.md §5) but untested here, so not claimed.
	message(FATAL_ERROR "gonet: no context switch (asm_*.S) for ${CMAKE_SYSTEM_PROCESSOR}; only amd64")
endif()
list(FILTER GONET_SOURCES EXCLUDE REGEX "_(amd64|arm64)\\.S$")
file(GLOB arch_src CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/runtime_netpoll/*_${GONET_ARCH}.S)
list(APPEND GONET_SOURCES ${arch_src})
list(FILTER GONET_SOURCES EXCLUDE REGEX "_(kqueue|windows|darwin|bsd)\\.c$")

add_library(gonet_objs OBJECT ${GONET_SOURCES})
set_target_properties(gonet_objs PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_include_directories(gonet_objs PUBLIC
	$<BUILD_INTERFACE:${CMAKE_SOURCE_DIR}>)

find_package(Threads REQUIRED)
add_library(gonet_static STATIC $<TARGET_OBJECTS:gonet_objs>)
add_library(gonet_shared SHARED $<TARGET_OBJECTS:gonet_objs>)
foreach(t gonet_static gonet_shared)
	set_target_properties(${t} PROPERTIES OUTPUT_NAME gonet)
	target_include_directories(${t} PUBLIC
		$<BUILD_INTERFACE:${CMAKE_SOURCE_DIR}>
		$<INSTALL_INTERFACE:include/gonet>)
	target_link_libraries(${t} PUBLIC Threads::Threads)
endforeach()
set_target_properties(gonet_shared PROPERTIES VERSION ${PROJECT_VERSION} SOVERSION 0)
if(MEMCHECK)
	target_compile_definitions(gonet_objs PUBLIC GONET_VALGRIND=1)
endif()
