import os
from getpass import getpass

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
password = getpass("Password: ")
api_key = None
token = os.getenv("API_TOKEN", "")
