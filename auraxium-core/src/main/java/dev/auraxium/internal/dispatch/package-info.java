/** Event dispatch: the trigger index, the bounded queue between transport and dispatcher, and the dispatch thread. Internal: not exported. */
package dev.auraxium.internal.dispatch;
