"""How the processes run: the supervisor behind `chronicler run`, backoff, interpreter tuning."""
