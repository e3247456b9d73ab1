/** The auraxium command line. */
package dev.auraxium.cli;
