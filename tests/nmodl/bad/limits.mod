: want: 2:22: unexpected '1': expected ',' between the limits <low, high>
PARAMETER { g = 1 <0 1> }
