//! Fidelity tests: frameworks/local-government/ (written with the library).
