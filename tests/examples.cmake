# The examples of the README: lib/examples/top_findings.cc (C++), lib/examples/
# warnings_per_hour.c (C, over the C API) and python/examples/explain.py, each run by
# tests/examples_test.py against an independent answer.
enable_language(C)
add_executable(example_top_findings ${PROJECT_SOURCE_DIR}/lib/examples/top_findings.cc)
target_link_libraries(example_top_findings PRIVATE loganalyze::loganalyze loganalyze_warnings)
add_executable(example_warnings_per_hour ${PROJECT_SOURCE_DIR}/lib/examples/warnings_per_hour.c)
set_target_properties(example_warnings_per_hour PROPERTIES
  C_STANDARD 11 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
target_compile_options(example_warnings_per_hour PRIVATE -Wall -Wextra -Wpedantic -Werror)
target_link_libraries(example_warnings_per_hour PRIVATE loganalyze::loganalyze_c)

if(CMAKE_CROSSCOMPILING)
  # Built all the same; the checks start them from Python on the build machine.
  foreach(example top_findings warnings_per_hour explain)
    loganalyze_not_on_target(example_${example} needs-python-on-the-build-machine)
  endforeach()
  return()
endif()
if(NOT Python3_EXECUTABLE)
  find_package(Python3 QUIET COMPONENTS Interpreter)
endif()
if(NOT Python3_EXECUTABLE)
  message(STATUS "loganalyze: no Python 3; the examples are built but not run")
  return()
endif()
execute_process(COMMAND ${Python3_EXECUTABLE} -c "import pytest"
                RESULT_VARIABLE LOGANALYZE_EXAMPLES_NO_PYTEST OUTPUT_QUIET ERROR_QUIET)
if(LOGANALYZE_EXAMPLES_NO_PYTEST)
  message(STATUS "loganalyze: no pytest for ${Python3_EXECUTABLE}; the examples are not run")
  return()
endif()
set(LOGANALYZE_EXAMPLES_ENV
  "LOGANALYZE_CLI=$<TARGET_FILE:loganalyze_cli>"
  "LOGANALYZE_SAMPLES_DIR=${PROJECT_SOURCE_DIR}/samples"
  "LOGANALYZE_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
  "EXAMPLE_TOP_FINDINGS=$<TARGET_FILE:example_top_findings>"
  "EXAMPLE_WARNINGS_PER_HOUR=$<TARGET_FILE:example_warnings_per_hour>"
  "PYTHONPATH=${PROJECT_BINARY_DIR}/python:${PROJECT_SOURCE_DIR}/python"
  "PYTHONDONTWRITEBYTECODE=1")
if(LOGANALYZE_SANITIZE AND LOGANALYZE_BUILD_PYTHON)
  # As for the package's tests (python/CMakeLists.txt): the interpreter is not instrumented.
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libasan.so
                  OUTPUT_VARIABLE LOGANALYZE_LIBASAN OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libstdc++.so
                  OUTPUT_VARIABLE LOGANALYZE_LIBSTDCXX OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(LOGANALYZE_EXAMPLES_PYTHON_ENV "LD_PRELOAD=${LOGANALYZE_LIBASAN} ${LOGANALYZE_LIBSTDCXX}"
      "ASAN_OPTIONS=detect_leaks=0")
endif()
foreach(example top_findings warnings_per_hour explain)
  add_test(NAME example_${example}
    COMMAND ${Python3_EXECUTABLE} -m pytest -q -p no:cacheprovider -k ${example}
            ${CMAKE_CURRENT_SOURCE_DIR}/examples_test.py)
  set_tests_properties(example_${example} PROPERTIES ENVIRONMENT "${LOGANALYZE_EXAMPLES_ENV}")
endforeach()
if(LOGANALYZE_BUILD_PYTHON)
  set_tests_properties(example_explain PROPERTIES
    ENVIRONMENT "${LOGANALYZE_EXAMPLES_ENV};${LOGANALYZE_EXAMPLES_PYTHON_ENV}")
else()
  set_tests_properties(example_explain PROPERTIES DISABLED TRUE)  # no Python package built
endif()
