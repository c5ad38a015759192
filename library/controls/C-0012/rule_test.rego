package kubescape.controls.C_0012_test

import data.kubescape.controls.C_0012

test_words if {
	C_0012.words("AWSSecretKey") == ["aws", "secret", "key"]
	C_0012.words("aws_secret-access.key") == ["aws", "secret", "access", "key"]
	C_0012.words("apiKey") == ["api", "key"]
	C_0012.words("DB_PASSWORD2") == ["db", "password"]
	C_0012.words("tls.key") == ["tls", "key"]
}

keys := [{"name": k, "words": C_0012.words(k)} | some k in ["aws_secret_access_key", "key", "password", "pwd", "secret", "token"]]

hits(name) := {k.name | some k in keys; C_0012.holds_words(C_0012.words(name), k.words)}

test_name_matching if {
	hits("AWS_SECRET_ACCESS_KEY") == {"aws_secret_access_key", "key", "secret"}
	hits("KEYCLOAK_URL") == set()
	hits("MONKEY") == set()
	hits("apiKey") == {"key"}
	hits("DBPASSWORD") == {"password"}
	hits("API_TOKENS") == {"token"}
	hits("TOKENIZER") == set()
	hits("OLDPWD") == set()
	hits("aws_access_key_secret") == {"key", "secret"}
}

test_pointer_names if {
	not C_0012.name_may_hold_secret("DB_PASSWORD_FILE")
	not C_0012.name_may_hold_secret("SECRET_NAME")
	not C_0012.name_may_hold_secret("JWT_PUBLIC_KEY")
	not C_0012.name_may_hold_secret("TOKEN_URL")
	C_0012.name_may_hold_secret("DB_PASSWORD")
}

test_embedded_password if {
	C_0012.embeds_password("https://bot:s3cr3t@auth.example.com/token")
	C_0012.embeds_password("redis://:s3cr3t@redis:6379")
	not C_0012.embeds_password("postgres://app:$(DB_PASSWORD)@db/shop")
	not C_0012.embeds_password("https://auth.example.com/token")
	not C_0012.embeds_password("git@github.com:org/repo.git")
}

test_not_secret_values if {
	C_0012.not_secret_value("/etc/secret/key")
	C_0012.not_secret_value("$(DB_PASSWORD)")
	C_0012.not_secret_value("True")
	C_0012.not_secret_value("8080")
	C_0012.not_secret_value("")
	not C_0012.not_secret_value("hunter2")
}

test_key_path if {
	C_0012.key_path("password") == ".password"
	C_0012.key_path("tls.key") == `["tls.key"]`
}
