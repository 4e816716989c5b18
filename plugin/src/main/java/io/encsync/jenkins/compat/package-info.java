/**
 * Reading what older versions of the plugin wrote: the class names of the plugin before its split
 * into packages by role, for every XStream instance that reads jobs, builds and global settings.
 * The one package that may depend on every other (it names their classes); nothing depends on it.
 */
package io.encsync.jenkins.compat;
