# Installing and packaging: a .deb and a .tar.gz on Linux, an app bundle in a DMG on macOS, an
# NSIS installer on Windows (cpack in the build directory; packaging/README.md has the steps).

set(CPACK_PACKAGE_NAME "instant")
set(CPACK_PACKAGE_VENDOR "Instant")
set(CPACK_PACKAGE_CONTACT "Instant developers <dev@instant.trading>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://instant.trading")
set(CPACK_PACKAGE_ICON "${PROJECT_SOURCE_DIR}/resources/icons/instant-128.png")
set(CPACK_STRIP_FILES ON)

if(UNIX AND NOT APPLE)
    include(GNUInstallDirs)
    install(FILES packaging/linux/instant.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    foreach(size 16 22 24 32 48 64 128 256 512)
        install(FILES resources/icons/instant-${size}.png
                DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps RENAME instant.png)
    endforeach()
    install(FILES resources/icons/instant.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

    set(CPACK_GENERATOR "DEB;TGZ")
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
    # Libraries the binary links are found by dpkg-shlibdeps; what Qt loads at run time (the
    # platform, SQL and SVG plugins) is named here, by Debian package name.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6sql6-sqlite, libqt6sql6-psql, libqt6svg6")
    # A CJK font for the Japanese UI (a fresh Debian desktop draws boxes without one) and Qt's own
    # translations of its dialogs and buttons.
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk, qt6-translations-l10n")
    set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client")
elseif(APPLE)
    set_target_properties(instant PROPERTIES
        MACOSX_BUNDLE ON
        OUTPUT_NAME "Instant"
        MACOSX_BUNDLE_INFO_PLIST "${PROJECT_SOURCE_DIR}/packaging/macos/Info.plist.in")
    set_source_files_properties(${PROJECT_SOURCE_DIR}/resources/icons/instant.icns PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
    target_sources(instant PRIVATE ${PROJECT_SOURCE_DIR}/resources/icons/instant.icns)
    install(TARGETS instant BUNDLE DESTINATION .)
    # macdeployqt copies Qt's frameworks and plugins into the bundle.
    find_program(MACDEPLOYQT macdeployqt HINTS ${Qt6_DIR}/../../../bin)
    if(MACDEPLOYQT)
        install(CODE "execute_process(COMMAND \"${MACDEPLOYQT}\" \"\${CMAKE_INSTALL_PREFIX}/Instant.app\" -always-overwrite)")
    endif()
    set(CPACK_GENERATOR "DragNDrop")
    set(CPACK_DMG_VOLUME_NAME "Instant ${PROJECT_VERSION}")
elseif(WIN32)
    set_target_properties(instant PROPERTIES WIN32_EXECUTABLE ON)
    target_sources(instant PRIVATE ${PROJECT_SOURCE_DIR}/packaging/windows/instant.rc)
    # windeployqt copies Qt's DLLs and plugins next to instant.exe.
    find_program(WINDEPLOYQT windeployqt HINTS ${Qt6_DIR}/../../../bin)
    if(WINDEPLOYQT)
        install(CODE "execute_process(COMMAND \"${WINDEPLOYQT}\" --release --no-translations \"\${CMAKE_INSTALL_PREFIX}/bin/instant.exe\")")
    endif()
    set(CPACK_GENERATOR "NSIS")
    set(CPACK_NSIS_DISPLAY_NAME "Instant")
    set(CPACK_NSIS_PACKAGE_NAME "Instant ${PROJECT_VERSION}")
    set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/resources/icons/instant.ico")
    set(CPACK_NSIS_MUI_UNIICON "${PROJECT_SOURCE_DIR}/resources/icons/instant.ico")
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\instant.exe")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_PACKAGE_INSTALL_DIRECTORY "Instant")
    set(CPACK_PACKAGE_EXECUTABLES "instant" "Instant")          # Start-menu entry
    set(CPACK_CREATE_DESKTOP_LINKS "instant")
endif()

include(CPack)
