/**
 * Small text utilities shared by the project's modules: the edit distance behind every "did you
 * mean" suggestion (event names, world names, command-line commands and options). Internal:
 * exported only to the command-line module, which suggests its own command names.
 */
package dev.auraxium.internal.text;
