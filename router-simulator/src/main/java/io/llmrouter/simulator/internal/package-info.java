/** The simulator's request handling and answer building; not an API, it may change at any time. */
package io.llmrouter.simulator.internal;
