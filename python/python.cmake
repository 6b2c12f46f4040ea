# LOGANALYZE_BUILD_PYTHON: ON by default when pybind11 and Python 3's headers are found,
# quietly OFF otherwise. Choose the interpreter with -DPython3_EXECUTABLE=...; by default
# the system's, for which .ci/setup installs python3-dev, pybind11-dev and python3-pytest,
# rather than another python3 first on PATH (pyenv, a virtual environment).
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Python interpreter")
endif()
if(CMAKE_CROSSCOMPILING AND NOT DEFINED LOGANALYZE_BUILD_PYTHON)
  # A module for another system's Python, which this build cannot import to test it.
  set(LOGANALYZE_PYTHON_DEFAULT OFF)
elseif(NOT DEFINED LOGANALYZE_BUILD_PYTHON)
  find_package(Python3 QUIET COMPONENTS Interpreter Development.Module)
  if(Python3_FOUND)
    find_package(pybind11 CONFIG QUIET)
  endif()
  set(LOGANALYZE_PYTHON_DEFAULT OFF)
  if(Python3_FOUND AND pybind11_FOUND)
    set(LOGANALYZE_PYTHON_DEFAULT ON)
  endif()
endif()
option(LOGANALYZE_BUILD_PYTHON "Build the Python package (pybind11)" ${LOGANALYZE_PYTHON_DEFAULT})
if(LOGANALYZE_BUILD_PYTHON)
  find_package(Python3 REQUIRED COMPONENTS Interpreter Development.Module)
  find_package(pybind11 CONFIG REQUIRED)
  add_subdirectory(python)
endif()
