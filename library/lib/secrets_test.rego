package kubescape.lib.secrets_test

import data.kubescape.lib.secrets

inputs := {
	"sensitiveKeyNames": ["aws_secret_access_key", "key", "password", "pwd", "secret", "token"],
	"sensitiveValues": ["eyJhbGciO", "AKIA[0-9A-Z]{16}", "(invalid"],
	"sensitiveKeyNamesAllowed": ["DEMO_PASSWORD"],
	"sensitiveValuesAllowed": ["^dummy-"],
}

test_words if {
	secrets.words("AWSSecretKey") == ["aws", "secret", "key"]
	secrets.words("aws_secret-access.key") == ["aws", "secret", "access", "key"]
	secrets.words("apiKey") == ["api", "key"]
	secrets.words("DB_PASSWORD2") == ["db", "password"]
	secrets.words("") == []
}

test_sensitive_by_name if {
	r := secrets.sensitive("DB_PASSWORD", "hunter2") with data.kubescape.inputs as inputs
	r == {"name matches the sensitive key name \"password\""}
}

test_sensitive_by_value if {
	r := secrets.sensitive("AUTH", "eyJhbGciOiJIUzI1NiJ9.x.y") with data.kubescape.inputs as inputs
	r == {"value matches the sensitive value pattern \"eyJhbGciO\""}
	u := secrets.sensitive("BROKER_URL", "amqp://app:s3cr3t@rabbit/") with data.kubescape.inputs as inputs
	u == {"value is a URL with an embedded password"}
}

test_allow_lists_and_non_secrets if {
	count(secrets.sensitive("demo_password", "demo")) == 0 with data.kubescape.inputs as inputs
	count(secrets.sensitive("API_TOKEN", "dummy-token")) == 0 with data.kubescape.inputs as inputs
	count(secrets.sensitive("DB_PASSWORD", "$(DB_PASSWORD)")) == 0 with data.kubescape.inputs as inputs
	count(secrets.sensitive("DB_PASSWORD_FILE", "db")) == 0 with data.kubescape.inputs as inputs
	count(secrets.sensitive("KEYCLOAK_REALM", "shop")) == 0 with data.kubescape.inputs as inputs
}

test_invalid_patterns_ignored if {
	secrets.value_patterns == ["eyJhbGciO", "AKIA[0-9A-Z]{16}"] with data.kubescape.inputs as inputs
}

test_no_inputs_nothing_sensitive if {
	count(secrets.sensitive("DB_PASSWORD", "hunter2")) == 0 with data.kubescape.inputs as {}
}

test_holds_words if {
	secrets.holds_words(["db", "password"], ["password"])
	secrets.holds_words(["api", "tokens"], ["token"])
	secrets.holds_words(["dbpassword"], ["password"])
	not secrets.holds_words(["monkey"], ["key"])
	not secrets.holds_words(["tokenizer"], ["token"])
	not secrets.holds_words(["aws", "access", "key"], ["aws", "secret", "access", "key"])
}

pod := {
	"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
	"spec": {
		"initContainers": [{"name": "init", "env": [{"name": "PASSWORD", "value": "x1"}]}],
		"containers": [
			{"name": "app", "env": [
				{"name": "LOG_LEVEL", "value": "debug"},
				{"name": "API_KEY", "value": "abc123"},
				{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "p"}}},
				{"name": "TOKEN", "value": 42},
				"junk",
			]},
			{"name": "odd", "env": {"name": "PASSWORD", "value": "x"}},
		],
	},
}

test_literal_env_credentials if {
	paths := {e.path | some e in secrets.literal_env_credentials} with input as pod with data.kubescape.inputs as inputs
	paths == {"spec.initContainers[0].env[0].value", "spec.containers[0].env[1].value"}
}

test_key_path if {
	secrets.key_path("password") == ".password"
	secrets.key_path("tls.key") == `["tls.key"]`
	secrets.key_path(`a"b`) == `['a"b']`
}
