package org.htmlunit;

import java.net.MalformedURLException;
import java.net.URL;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.javascript.JavaScriptErrorListener;
import org.htmlunit.javascript.background.JavaScriptJobManager;

/**
 * Stands in for jenkins-test-harness' class of the same name, which test.sh puts after this one on
 * the classpath. The runtime's harness, patched for Central's HtmlUnit, waits for background
 * JavaScript with no time limit, and after a configuration round trip that wait never ended. Here
 * the wait has the limit the harness documents: jobs due within the next two seconds are awaited,
 * for at most {@code timeout} milliseconds in all.
 */
public class WebClientUtil {
    private static final long DUE_WITHIN_MS = 2_000;

    public static void waitForJSExec(WebClient webClient) {
        waitForJSExec(webClient, 10_000);
    }

    public static void waitForJSExec(WebClient webClient, long timeout) {
        webClient.getJavaScriptEngine().processPostponedActions();
        long start = System.currentTimeMillis();
        long deadline = start + timeout;
        while (System.currentTimeMillis() < deadline && dueJobs(webClient, start + DUE_WITHIN_MS) > 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int dueJobs(WebClient webClient, long dueBefore) {
        int n = 0;
        for (WebWindow window : webClient.getTopLevelWindows()) {
            JavaScriptJobManager jobs = window.getJobManager();
            if (jobs != null) {
                n += jobs.getJobCount(job -> job.getTargetExecutionTime() <= dueBefore);
            }
        }
        return n;
    }

    public static ExceptionListener addExceptionListener(WebClient webClient) {
        ExceptionListener listener = new ExceptionListener(webClient);
        webClient.setJavaScriptErrorListener(listener);
        return listener;
    }

    /** Remembers the last script error of a page, for tests that expect one. */
    public static class ExceptionListener implements JavaScriptErrorListener {
        private final WebClient webClient;
        private ScriptException scriptException;

        private ExceptionListener(WebClient webClient) {
            this.webClient = webClient;
        }

        public ScriptException getScriptException() {
            return scriptException;
        }

        public ScriptException getExpectedScriptException() {
            waitForJSExec(webClient);
            return scriptException;
        }

        @Override
        public void scriptException(HtmlPage htmlPage, ScriptException e) {
            scriptException = e;
        }

        public void assertHasException() {
            if (getExpectedScriptException() == null) {
                throw new AssertionError("a JavaScript error was expected, and none happened");
            }
        }

        @Override
        public void timeoutError(HtmlPage htmlPage, long allowedTime, long executionTime) {
        }

        @Override
        public void malformedScriptURL(HtmlPage htmlPage, String url, MalformedURLException e) {
        }

        @Override
        public void loadScriptError(HtmlPage htmlPage, URL scriptUrl, Exception exception) {
        }

        @Override
        public void warn(String message, String sourceName, int line, String lineSource, int lineOffset) {
        }
    }
}
