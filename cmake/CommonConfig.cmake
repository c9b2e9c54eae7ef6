# One INTERFACE target carries the settings every Instant target shares.
add_library(instant_common INTERFACE)
target_compile_features(instant_common INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_definitions(instant_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    INSTANT_VERSION="${PROJECT_VERSION}")
if(MSVC)
    target_compile_options(instant_common INTERFACE /W4 /permissive- /Zc:__cplusplus)
    if(INSTANT_WARNINGS_AS_ERRORS)
        target_compile_options(instant_common INTERFACE /WX)
    endif()
else()
    target_compile_options(instant_common INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
    if(INSTANT_WARNINGS_AS_ERRORS)
        target_compile_options(instant_common INTERFACE -Werror)
    endif()
endif()

# The git commit the binary was built from, for `instant --version`.
find_package(Git QUIET)
set(INSTANT_GIT_COMMIT "unknown")
if(GIT_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/.git")
    execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse --short=12 HEAD
        WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
        OUTPUT_VARIABLE INSTANT_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(NOT INSTANT_GIT_COMMIT)
        set(INSTANT_GIT_COMMIT "unknown")
    endif()
endif()

# Sanitizers (the asan and fuzz presets): every target of the tree, instant_fix included, is
# compiled and linked with them. UBSan stops at the first report, so a test fails on it.
if(INSTANT_SANITIZE)
    if(MSVC)
        message(FATAL_ERROR "INSTANT_SANITIZE is for GCC and Clang")
    endif()
    add_compile_options(-fsanitize=${INSTANT_SANITIZE} -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    add_link_options(-fsanitize=${INSTANT_SANITIZE})
endif()

# libFuzzer: the code under test gets the coverage instrumentation; only the fuzz executables
# (tests/fuzz) link libFuzzer's main.
if(INSTANT_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "INSTANT_FUZZ needs clang (libFuzzer): configure with the fuzz preset")
    endif()
    if(NOT INSTANT_SANITIZE)
        message(FATAL_ERROR "INSTANT_FUZZ wants sanitizers too, e.g. INSTANT_SANITIZE=address,undefined")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()
