# capi_test: tests/capi_test.c, compiled as C11 with the header's C warnings as errors.
enable_language(C)
add_executable(capi_test capi_test.c)
set_target_properties(capi_test PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
target_compile_options(capi_test PRIVATE -Wall -Wextra -Wpedantic -Werror)
target_compile_definitions(capi_test PRIVATE ${LOGANALYZE_TEST_DEFINITIONS})
target_link_libraries(capi_test PRIVATE loganalyze::loganalyze_c)

set(CAPI_WORK_DIR ${CMAKE_CURRENT_BINARY_DIR}/capi)
set(CAPI_CLI_ARGS -f json --year 2026 -q)
add_test(NAME capi_cli_prepare COMMAND ${CMAKE_COMMAND} -E make_directory ${CAPI_WORK_DIR}/kb)
add_test(NAME capi_cli_samples_en
  COMMAND loganalyze_cli ${PROJECT_SOURCE_DIR}/samples ${CAPI_CLI_ARGS} --lang en -j2
          -o ${CAPI_WORK_DIR}/samples_en.json)
add_test(NAME capi_cli_samples_zh
  COMMAND loganalyze_cli ${PROJECT_SOURCE_DIR}/samples ${CAPI_CLI_ARGS} --lang zh-TW -j1
          --since 2026-01-03 --until 2026-01-04 --min-severity warning
          -o ${CAPI_WORK_DIR}/samples_zh.json)
add_test(NAME capi_cli_engine
  COMMAND loganalyze_cli ${PROJECT_SOURCE_DIR}/samples/mars/CBEngineCurr.errlog ${CAPI_CLI_ARGS}
          --lang en -j2 -o ${CAPI_WORK_DIR}/engine.json)
set_tests_properties(capi_cli_prepare PROPERTIES FIXTURES_SETUP capi_dir)
add_test(NAME capi_cli_dpm
  COMMAND loganalyze_cli ${PROJECT_SOURCE_DIR}/samples/dpm ${CAPI_CLI_ARGS} --lang en -j2
          -o ${CAPI_WORK_DIR}/dpm.json)
set_tests_properties(capi_cli_samples_en capi_cli_samples_zh capi_cli_engine capi_cli_dpm
  PROPERTIES FIXTURES_SETUP capi_cli FIXTURES_REQUIRED capi_dir)
# What la_merge_reports must give, byte for byte.
add_test(NAME capi_cli_merge
  COMMAND loganalyze_cli merge ${CAPI_WORK_DIR}/engine.json ${CAPI_WORK_DIR}/dpm.json -f json
          --lang en -o ${CAPI_WORK_DIR}/merged.json)
set_tests_properties(capi_cli_merge PROPERTIES FIXTURES_SETUP capi_cli
  FIXTURES_REQUIRED capi_dir DEPENDS "capi_cli_engine;capi_cli_dpm")
add_test(NAME capi_test COMMAND capi_test ${CAPI_WORK_DIR})
set_tests_properties(capi_test PROPERTIES FIXTURES_REQUIRED capi_cli)

# The shared library exports the C API and nothing else (ELF platforms).
if(CMAKE_NM AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
  add_test(NAME capi_exports
    COMMAND ${CMAKE_COMMAND} -DNM=${CMAKE_NM} -DLIBRARY=$<TARGET_FILE:loganalyze_c>
            -P ${CMAKE_CURRENT_SOURCE_DIR}/capi_exports.cmake)
endif()
