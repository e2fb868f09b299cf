//! Fidelity tests: frameworks/education/ (written with the library).
