def greet(name):
    message = "hello " + name  # @greet
    print(message)
