# h.topology() for harder cases: children at x = 0, 0.3, 0.5 (two, connected in turn), 1 of an nseg 5 parent, connected
# out of position order; a child attached by its 1 end (connect(par(0.7), 1)) with children at its x = 0, 0.8, 0.2;
# rallbranch 2; a second root. Run: /usr/bin/python3 topology_misc.py > topology_misc.txt
from neuron import h
par = h.Section(name="par"); par.nseg = 5
root2 = h.Section(name="root2"); root2.nseg = 2          # a second root section
c1 = h.Section(name="c1"); c1.nseg = 2
c05a = h.Section(name="c05a"); c05a.nseg = 1
c0 = h.Section(name="c0"); c0.nseg = 3
c03 = h.Section(name="c03"); c03.nseg = 1
c05b = h.Section(name="c05b"); c05b.nseg = 4
rev = h.Section(name="rev"); rev.nseg = 3
revkid = h.Section(name="revkid"); revkid.nseg = 1
rk8 = h.Section(name="rk8"); rk8.nseg = 2
rk2 = h.Section(name="rk2"); rk2.nseg = 1
rb = h.Section(name="rb"); rb.nseg = 2; rb.rallbranch = 2
r2kid = h.Section(name="r2kid"); r2kid.nseg = 1
c1.connect(par(1))
c05a.connect(par(0.5))
c0.connect(par(0))
c03.connect(par(0.3))
c05b.connect(par(0.5))                                   # same position as c05a, connected later
rev.connect(par(0.7), 1)                                 # attached by its 1 end
revkid.connect(rev(0))                                   # child at the reversed section's free end
rk8.connect(rev(0.8))                                    # interior children of the reversed section
rk2.connect(rev(0.2))
rb.connect(c1(1))
r2kid.connect(root2(0.5))
h.topology()
