object Keys {
    const val PREF_AUTH_TOKEN = "auth_token"
    const val EXTRA_PASSWORD = "extra_password"
}
