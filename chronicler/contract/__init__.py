"""What crosses a process boundary: commands, modes, ranges, API bodies, errors and their codes."""
