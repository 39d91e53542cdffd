: want: 2:19: unit without its closing ')'
PARAMETER { g = 1 (S/cm2
}
