"""How `chronicler run` keeps its parts running: the process supervisor."""
