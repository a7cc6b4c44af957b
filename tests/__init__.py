"""The tests: unit/ mirrors ros/, app/ runs pages through AppTest, browser/ drives a real server, support/ helps."""
