"""How the agent talks to the adapter: DAP framing (wire), the program's output as
events (output), and what request handlers share (requests)."""
