// SPDX-License-Identifier: CERN-OHL-S-2.0
// Wall shelf bracket 1.0.0: the printed, one-piece bracket of design.py as an OpenSCAD model.
// The Customizer parameters carry the workbench's names, units (mm) and hard bounds, so a parameter
// set written by `workbench openscad export bracket ...` drives it:
//   openscad -p sets.json -P NAME -o bracket.stl bracket.scad
// The part lies as the workbench's STL has it: printed on its side, the L profile on the bed (x out
// along the arm, y up the wall leg), the width along z. Keep in step with design.py (tests compare
// the two solids' volume and size).

/* [Make] */
// How the bracket is made: this model is the printed one
make = "printed"; // [printed:3D printed in one piece]

/* [Size] */
// How far the shelf reaches out from the wall (mm)
arm = 150; // [60:5:400]
// Length of the leg screwed to the wall (mm)
height = 150; // [60:5:400]
// Width of both legs, across the bracket (mm)
width = 40; // [15:1:150]
// Thickness of the printed legs (mm)
thickness = 8; // [2:0.5:20]

/* [Shape] */
// A triangular web under the arm
gusset = true;
// Screw holes per leg
holes = 2; // [0:1:4]
// Clearance hole for the screws (mm)
hole_diameter = 5; // [3:0.5:10]

/* [Hidden] */
GUSSET_RATIO = 0.8;  // gusset leg as a fraction of the shorter free leg, as in design.py
BORE_RATIO = 2.0;    // access bore through the gusset, times the hole diameter, as in design.py
EPS = 0.01;          // holes overshoot the faces so the difference leaves no skin
$fa = 1;
$fs = 0.2;

t = thickness;
g = gusset ? GUSSET_RATIO * (min(arm, height) - t) : 0;

// The design's rules (design.py `rules`): OpenSCAD stops with the same sentence.
assert(make == "printed", "bracket.scad models the printed bracket; cut plywood plates come from the workbench's DXF files");
assert(holes == 0 || hole_diameter <= width / 2, str("hole diameter ", hole_diameter, " mm must be at most half the width (", width / 2, " mm)"));
assert(4 * t <= min(arm, height), str("thickness ", t, " mm is too thick for the legs: it must be at most a quarter of the shorter leg (", min(arm, height) / 4, " mm)"));
assert(holes == 0 || (height - t) * (1 - 0.5 / holes) + BORE_RATIO * hole_diameter / 2 <= height - t, "the top wall hole's access bore runs into the arm: fewer or smaller holes, or a taller wall leg");
assert(holes == 0 || height - t >= 2.5 * hole_diameter * holes, "the holes need 2.5 hole diameters each of free wall leg");
assert(holes == 0 || arm - t - g >= 2.5 * hole_diameter * holes, "the holes need 2.5 hole diameters each of free arm beside the gusset");

// Centres of n holes spread evenly over a leg from `start`, `length` long.
function spots(start, length, n) = [for (i = [0 : n - 1]) start + length * (i + 0.5) / n];

module profile() {
    polygon(concat(
        [[0, 0], [t, 0], [t, height - t - g]],
        g > 0 ? [[t + g, height - t]] : [],
        [[arm, height - t], [arm, height], [0, height]]
    ));
}

module bracket() {
    difference() {
        linear_extrude(height = width) profile();
        if (holes > 0) {
            // wall holes over the whole leg below the arm (the top one far from the toe the
            // bracket turns about); those behind the gusset are reached through access bores
            for (y = spots(0, height - t, holes)) {
                translate([-EPS, y, width / 2]) rotate([0, 90, 0])
                    cylinder(d = hole_diameter, h = t + 2 * EPS);
                if (g > 0 && y + BORE_RATIO * hole_diameter / 2 > height - t - g)
                    translate([t - EPS, y, width / 2]) rotate([0, 90, 0])
                        cylinder(r = BORE_RATIO * hole_diameter / 2, h = g + 2 * EPS);
            }
            for (x = spots(t + g, arm - t - g, holes))
                translate([x, height - t - EPS, width / 2]) rotate([-90, 0, 0])
                    cylinder(d = hole_diameter, h = t + 2 * EPS);
        }
    }
}

bracket();
