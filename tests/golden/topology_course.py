# The NEURON scripting course's 7-section cell; prints exactly what h.topology() prints (starts with an empty line).
# Run: /usr/bin/python3 topology_course.py > topology_course.txt
from neuron import h
names = ["soma", "proxApical", "apic1", "apic2", "proxBasal", "distBasal1", "distBasal2"]
nsegs = [1, 3, 5, 4, 2, 3, 3]
secs = {}
for name, n in zip(names, nsegs):
    secs[name] = h.Section(name=name); secs[name].nseg = n
s = secs
s["proxApical"].connect(s["soma"](1))
s["apic1"].connect(s["proxApical"](1))
s["apic2"].connect(s["proxApical"](1))
s["proxBasal"].connect(s["soma"](0))
s["distBasal1"].connect(s["proxBasal"](1))
s["distBasal2"].connect(s["proxBasal"](1))
h.topology()
