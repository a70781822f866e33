# -*- coding: latin-1 -*-
"""Module docstring."""
NAME = 'caf\xe9'
