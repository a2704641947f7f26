def conv_output_size(input_size, filter_size, stride=1, pad=0):
    """OH = (H + 2P − FH) / S + 1, as an int."""
    raise NotImplementedError("write conv_output_size")
