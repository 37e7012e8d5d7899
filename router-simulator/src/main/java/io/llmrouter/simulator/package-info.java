/** A simulated OpenAI-compatible LLM provider for standalone mode and tests: start it with {@link io.llmrouter.simulator.SimulatorServer}. */
package io.llmrouter.simulator;
