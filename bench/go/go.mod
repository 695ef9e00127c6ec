module gonet/bench/go

go 1.19
