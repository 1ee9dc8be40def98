package io.paygate.acquirer.support.application.port.out;

/** The broker did not confirm a result: the command must stay unfinished so that it is processed again. */
public class ResultNotPublishedException extends RuntimeException {

    public ResultNotPublishedException(String message) {
        super(message);
    }
}
