def greet(names):
    for n, name in enumerate(names):
        message = "hello " + name  # @log
        print(message)
    return n


print("last", greet(["ann", "bob", "cy"]))
