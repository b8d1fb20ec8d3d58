def numbers():
    for i in range(3):
        yield i
        done = i  # breakpoint: hit after each resume, with done = 0, 1, 2
    return done


print(sum(numbers()))
