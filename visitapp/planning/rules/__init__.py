"""The routing model, the solver, the timing check and the route sketch: pure, no database."""
