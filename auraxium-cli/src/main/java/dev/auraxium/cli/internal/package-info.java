/** The commands behind {@code auraxium}: option parsing, filters, output formats and the live view. Not exported. */
package dev.auraxium.cli.internal;
