# The protocol the model round trip runs: the clamp on the soma, its voltage recorded.
record {soma(0.5).v}
run
