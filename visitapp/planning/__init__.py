"""Planning the day: the routing model, the PyVRP solver, exact timing and the route sketch (rules); planning
runs and the board (services); the plan and board pages (ui).
"""
