def numbers():
    for i in range(3):
        yield i
        done = i  # @after-yield: hit after each resume, with i = 0, 1, 2
    return done


print(sum(numbers()))
