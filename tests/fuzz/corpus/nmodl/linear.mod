: a LINEAR block (simeq): seed of fuzz_nmodl
NEURON { SUFFIX ln RANGE a, b }
PARAMETER { a = 1 b = 2 c = 3 d = 4 q = 5 }
ASSIGNED { v }
STATE { zz y x }
INITIAL { SOLVE lin }
LINEAR lin SOLVEFOR zz, x, y {
    ~ a*x/b + (c+d)*y - 3 = -x*2 + zz/q
    ~ -y + x = a - b*v
    ~ zz = c*(d+1)
}
