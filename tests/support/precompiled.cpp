// The translation unit that compiles a test folder's precompiled header (tests/CMakeLists.txt,
// instant_test_headers): every test of the folder reuses it instead of parsing Qt's headers again.
