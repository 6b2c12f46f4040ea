# Installs the built project into a scratch prefix, then configures, builds and runs the
# consumer project against it: with the static library, with the shared one (SHARED=ON), and
# once with RE2 out of pkg-config's sight, where find_package(loganalyze QUIET) must say "not
# found" and let the configure step finish. Called by ctest with BUILD_DIR, SOURCE_DIR and
# WORK_DIR.
file(REMOVE_RECURSE "${WORK_DIR}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${WORK_DIR}/prefix"
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "install failed: ${rc}")
endif()

function(consumer name)
  execute_process(COMMAND ${CMAKE_COMMAND} -S "${SOURCE_DIR}" -B "${WORK_DIR}/${name}"
                          "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix" -DCMAKE_BUILD_TYPE=Release
                          "-DCMAKE_CXX_FLAGS=${CONSUMER_FLAGS}"
                          "-DCMAKE_EXE_LINKER_FLAGS=${CONSUMER_FLAGS}" ${ARGN}
                  RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "configuring the ${name} consumer failed: ${rc}")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} --build "${WORK_DIR}/${name}" RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "building the ${name} consumer failed: ${rc}")
  endif()
  execute_process(COMMAND "${WORK_DIR}/${name}/consumer" RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "the ${name} consumer failed: ${rc}")
  endif()
endfunction()

consumer(static -DCONSUMER_TARGET=loganalyze::loganalyze)
if(SHARED)
  consumer(shared -DCONSUMER_TARGET=loganalyze::shared)
  file(GLOB sonames "${WORK_DIR}/prefix/lib*/libloganalyze.so.*")
  if(NOT sonames)
    message(FATAL_ERROR "no versioned shared library was installed")
  endif()
endif()

# RE2 cannot be found: the consumer's configure step must still succeed.
execute_process(COMMAND ${CMAKE_COMMAND} -E env PKG_CONFIG_LIBDIR=${WORK_DIR}/no-pkgconfig
                        PKG_CONFIG_PATH=
                        ${CMAKE_COMMAND} -S "${SOURCE_DIR}" -B "${WORK_DIR}/not-found"
                        "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix" -DCONSUMER_EXPECT_NOT_FOUND=ON
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc)
  message(FATAL_ERROR "find_package(loganalyze QUIET) stopped the configure step:\n${out}${err}")
endif()
