#!/usr/bin/env python3
# vim: set fileencoding=utf-8 :
"""Tool docstring."""

def main():
    return 0
