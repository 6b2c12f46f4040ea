# The shared library exports the public API and nothing else: every dynamic symbol it defines
# is in namespace loganalyze (or the C API, la_*), none is internal, and the calls a user
# needs are there. Called by ctest with LIBRARY (the .so), NM, CXXFILT and WORK_DIR.
execute_process(COMMAND ${NM} -D --defined-only --format=posix ${LIBRARY}
                OUTPUT_FILE ${WORK_DIR}/symbols.txt RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "${NM} failed on ${LIBRARY}")
endif()
execute_process(COMMAND ${CXXFILT} INPUT_FILE ${WORK_DIR}/symbols.txt
                OUTPUT_VARIABLE names RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "${CXXFILT} failed")
endif()
string(REPLACE "\n" ";" lines "${names}")
set(count 0)
foreach(line IN LISTS lines)
  if(line STREQUAL "")
    continue()
  endif()
  math(EXPR count "${count} + 1")
  # posix format: NAME TYPE VALUE SIZE; the demangled name may hold spaces.
  string(REGEX REPLACE " [A-Za-z] [0-9a-f]+( [0-9a-f]+)?$" "" name "${line}")
  if(name MATCHES "loganalyze::internal::")
    message(FATAL_ERROR "an internal symbol is exported: ${name}")
  endif()
  if(NOT name MATCHES "^(loganalyze::|typeinfo for loganalyze::|typeinfo name for loganalyze::|vtable for loganalyze::|la_)")
    message(FATAL_ERROR "a symbol outside the public API is exported: ${name}")
  endif()
endforeach()
# (A function returning std::string carries the [abi:cxx11] tag in its name.)
foreach(needed "loganalyze::AnalyzeBundle(" "loganalyze::Version()" "loganalyze::ReadLog("
               "loganalyze::KnowledgeBase::Default()" "loganalyze::RenderReport[abi:cxx11]("
               "loganalyze::Report::Merge(" "loganalyze::ParseJsonReport("
               "loganalyze::ParseDescribedReport(" "loganalyze::Summarize("
               "loganalyze::DiffReports(" "loganalyze::FindRecurring("
               "loganalyze::LoadReportOrBundle(" "loganalyze::RenderDiff[abi:cxx11](")
  string(FIND "${names}" "${needed}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the public call ${needed}...) is not exported")
  endif()
endforeach()
message(STATUS "${count} symbols exported, all of the public API")
