def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes more than 20 seconds (runs real commands and a server)")
