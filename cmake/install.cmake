# make install: the library, every package header (the *_impl.h internal
# headers too, as Go's export_test.go), and gonet.pc for pkg-config.
include(GNUInstallDirs)
install(TARGETS gonet_static gonet_shared
	ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
	LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
foreach(pkg IN LISTS GONET_PACKAGES)
	if(EXISTS ${CMAKE_SOURCE_DIR}/${pkg})
		install(DIRECTORY ${CMAKE_SOURCE_DIR}/${pkg}/
			DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gonet/${pkg}
			FILES_MATCHING PATTERN "*.h")
	endif()
endforeach()
configure_file(${CMAKE_SOURCE_DIR}/cmake/gonet.pc.in ${CMAKE_BINARY_DIR}/gonet.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/gonet.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
