"""Interoperability with other open-hardware tools: OpenSCAD Customizer parameter sets
(`workbench.interop.openscad`) and the Customizer declarations of a `.scad` file
(`workbench.interop.scad`)."""
