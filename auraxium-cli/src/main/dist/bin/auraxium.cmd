@rem auraxium: starts the auraxium command (demo, tail, record, serve) on a Java 17 or later JVM.
@rem The JVM options below suit a small, long-running client (see BENCHMARKS.md); override or add
@rem to them with JAVA_OPTS or AURAXIUM_OPTS. The JVM is %JAVA_HOME%\bin\java.exe, or java on the PATH.
@echo off
setlocal
set "APP_HOME=%~dp0.."
set "JAVACMD=java.exe"
if defined JAVA_HOME set "JAVACMD=%JAVA_HOME%\bin\java.exe"
set "DEFAULT_JVM_OPTS=@launcher.jvmOptions@"
if exist "%APP_HOME%\lib\auraxium.jsa" set "DEFAULT_JVM_OPTS=%DEFAULT_JVM_OPTS% -XX:SharedArchiveFile="%APP_HOME%\lib\auraxium.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off"
"%JAVACMD%" %DEFAULT_JVM_OPTS% %JAVA_OPTS% %AURAXIUM_OPTS% -jar "%APP_HOME%\lib\auraxium.jar" %*
exit /b %ERRORLEVEL%
