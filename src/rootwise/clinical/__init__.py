"""The clinical core: plain typed values in, plain typed values out.

Nothing here performs I/O, reads a clock or imports the web, store or settings layers;
callers pass time and thresholds in. `assess` is the entry point.
"""
