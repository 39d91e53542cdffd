: want: 2:11: array size must be > 0, got 0
STATE { y[0] }
