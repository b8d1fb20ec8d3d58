def main():
    print("before import", flush=True)
    import lazy_module

    lazy_module.greet("world")


main()
