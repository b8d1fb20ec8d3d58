"""The DAP request handlers, grouped as the requests are: each class serves the
requests named by its request_<command> methods."""
