/**
 * What the other packages share: the context of one run of an action, the callable that runs a
 * core task on an agent, failures turned into one-line aborts, form checks, text helpers, the
 * controller's proxy, and the plugin's {@code Messages}.
 */
package io.encsync.jenkins.support;
